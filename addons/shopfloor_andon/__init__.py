from . import errors, models, services
from .hooks import uninstall_hook
