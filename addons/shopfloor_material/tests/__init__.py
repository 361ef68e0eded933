from . import test_material, test_material_api
