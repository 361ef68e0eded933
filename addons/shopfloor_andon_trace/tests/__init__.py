from . import test_andon_quality
