// Sign in: WeChat (wx.login -> auth/wechat, with a binding code the first time),
// a binding code (auth/bind), or badge + PIN (auth/bind_pin). Codes and PINs are
// never kept: the fields are emptied after each try.
const { pageBehavior } = require("../../lib/page.js");

Component({
    behaviors: [pageBehavior()],
    data: { code: "", badge: "", pin: "", wechatUnbound: false, wechatCode: "" },
    methods: {
        onLoad() {
            wx.setNavigationBarTitle({ title: this.store.t("sign_in") });
        },
        onCode(e) {
            this.setData({ code: e.detail.value });
        },
        onBadge(e) {
            this.setData({ badge: e.detail.value });
        },
        onPin(e) {
            this.setData({ pin: e.detail.value });
        },
        onWechatCode(e) {
            this.setData({ wechatCode: e.detail.value });
        },
        done() {
            wx.reLaunch({ url: "/pages/home/home" });
        },
        onWechat() {
            return this.run(async () => {
                try {
                    await this.store.signInWechat();
                } catch (err) {
                    if (err.code === "SF_WECHAT_UNBOUND") {
                        this.setData({ wechatUnbound: true });
                    }
                    throw err;
                }
                this.done();
            });
        },
        onWechatBind() {
            const code = String(this.data.wechatCode || "").trim();
            this.setData({ wechatCode: "" });
            return this.run(async () => {
                await this.store.signInWechat(code);
                this.done();
            });
        },
        onBind() {
            const code = String(this.data.code || "").trim();
            this.setData({ code: "" });
            return this.run(async () => {
                await this.store.bind(code);
                this.done();
            });
        },
        onBindPin() {
            const badge = String(this.data.badge || "").trim();
            const pin = String(this.data.pin || "");
            this.setData({ pin: "" });
            return this.run(async () => {
                await this.store.bindPin(badge, pin);
                this.done();
            });
        },
        onScanBadge() {
            return this.run(async () => {
                const text = await this.store.scanText();
                if (text) {
                    this.setData({ badge: text.trim() });
                }
            });
        },
        onLang() {
            this.store.setLang(this.data.lang === "en_US" ? "zh_CN" : "en_US");
        },
    },
});
