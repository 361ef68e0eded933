from . import test_sale_progress
