from . import (
    test_material,
    test_material_api,
    test_material_reports,
    test_material_uninstall,
    test_material_wizard,
)
