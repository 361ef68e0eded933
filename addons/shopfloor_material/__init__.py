from . import models, services
