from . import models, services
from .hooks import uninstall_hook
