from . import test_lot_entry, test_lot_label, test_quality, test_quality_guards, test_trace
