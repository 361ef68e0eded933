from . import test_board_andon
