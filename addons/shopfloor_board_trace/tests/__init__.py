from . import test_board_trace
