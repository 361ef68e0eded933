from . import test_andon_material
