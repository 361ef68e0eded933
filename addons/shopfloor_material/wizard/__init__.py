from . import shopfloor_material_issue_wizard
