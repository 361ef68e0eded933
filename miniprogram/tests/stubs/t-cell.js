// Test double of tdesign's t-cell.
Component({ properties: { title: String, description: String, note: String, hover: Boolean, arrow: Boolean } });
