from . import errors, models, report, services, wizard
