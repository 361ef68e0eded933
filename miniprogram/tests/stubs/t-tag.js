// Test double of tdesign's t-tag.
Component({ properties: { theme: String, variant: String, size: String } });
