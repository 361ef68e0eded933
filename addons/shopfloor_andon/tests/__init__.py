from . import test_andon_api, test_andon_escalation, test_andon_oee, test_andon_uninstall
