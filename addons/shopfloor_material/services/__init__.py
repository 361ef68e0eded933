from . import api_material
