from . import models, services, wizard
