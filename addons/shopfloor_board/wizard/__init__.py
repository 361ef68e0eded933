from . import shopfloor_board_link_wizard
