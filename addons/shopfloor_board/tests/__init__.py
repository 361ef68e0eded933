from . import test_board, test_board_http
