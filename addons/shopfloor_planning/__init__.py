from . import models, services, wizard
from .hooks import post_init_hook
