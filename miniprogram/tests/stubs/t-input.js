// Test double of tdesign's t-input: tests fire `change` with {value}, like the real one.
Component({ properties: { label: String, value: null, type: String, placeholder: String, disabled: Boolean } });
