from . import controllers, models, services, wizard
from .hooks import uninstall_hook
