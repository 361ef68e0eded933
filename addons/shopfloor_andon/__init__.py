from . import errors, models, services
