from . import models, services, wizard
from .hooks import uninstall_hook
