// Test double of tdesign's t-button: the page binds `tap` on it, as on the real one.
Component({ properties: { theme: String, size: String, variant: String, block: Boolean, disabled: Boolean, loading: Boolean } });
