const { refuse, setup, loadPage, tap, change, text } = require("./helpers.js");

const ANSWER = {
    token: "sf_new",
    expires_at: "2099-05-23 08:00:00",
    employee: { id: 12, name: "李娜", role: "worker", lang: "zh_CN", workcenters: [] },
};

test("WeChat sign in: wx.login's code goes to auth/wechat, the token is kept, home opens", async () => {
    const { server, wx, store } = await setup({ signedIn: false });
    server.on("auth/wechat", (p) => {
        expect(p.js_code).toBe("js-code-1");
        return ANSWER;
    });
    const page = await loadPage("login");
    await tap(page, "#wechat");
    expect(wx.login).toHaveBeenCalled();
    expect(store.tokens.get().token).toBe("sf_new");
    expect(wx._nav).toContainEqual(["reLaunch", "/pages/home/home"]);
    expect(server.calls[0].params.request_uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.calls[0].header.Authorization).toBeUndefined();
});

test("WeChat not bound yet: the binding code is asked, then auth/wechat with a new wx.login code", async () => {
    const { server, wx, store } = await setup({ signedIn: false });
    let n = 0;
    wx.login.mockImplementation((opts) => opts.success({ code: `js-code-${++n}` }));
    server.on("auth/wechat", (p) => {
        if (!p.bind_code) {
            throw refuse("SF_WECHAT_UNBOUND", "此微信尚未绑定工人。", "This WeChat account is not bound yet.");
        }
        expect(p).toMatchObject({ js_code: "js-code-2", bind_code: "4829301756" });
        return ANSWER;
    });
    const page = await loadPage("login");
    await tap(page, "#wechat");
    expect(text(page, "#error .message")).toBe("此微信尚未绑定工人。");
    expect(text(page, "#error .next")).toBe("先用绑定码绑定。");
    expect(page.querySelector("#wechat-unbound")).toBeTruthy();
    await change(page, "#wechat-code", "4829301756");
    await tap(page, "#wechat-bind");
    expect(store.tokens.get().token).toBe("sf_new");
    expect(page.instance.data.wechatCode).toBe("");
    expect(wx._nav).toContainEqual(["reLaunch", "/pages/home/home"]);
});

test("wx.login failing is shown as a WeChat failure, with the other ways to sign in", async () => {
    const { wx } = await setup({ signedIn: false });
    wx.login.mockImplementation((opts) => opts.fail({ errMsg: "login:fail" }));
    const page = await loadPage("login");
    await tap(page, "#wechat");
    expect(text(page, "#error .code")).toBe("SF_WECHAT_FAILED");
    expect(text(page, "#error .next")).toBe("改用绑定码或工牌+PIN。");
});

test("binding code: auth/bind, the token kept in wx storage, the code not kept", async () => {
    const { server, wx } = await setup({ signedIn: false });
    server.on("auth/bind", (p) => {
        expect(p.code).toBe("4829301756");
        expect(p.device_name).toMatch(/WeChat/);
        return ANSWER;
    });
    const page = await loadPage("login");
    await change(page, "#code", " 4829301756 ");
    await tap(page, "#bind");
    expect(JSON.parse(wx._storage.get("shopfloor.token")).token).toBe("sf_new");
    expect(page.instance.data.code).toBe("");
    expect([...wx._storage.values()].join(" ")).not.toContain("4829301756");
});

test("badge + PIN: a wrong PIN is shown, the PIN is emptied and never stored; a scanned badge fills the field", async () => {
    const { server, wx, store } = await setup({ signedIn: false });
    server.on("auth/bind_pin", (p) => {
        if (p.pin !== "2468") {
            throw refuse("SF_BADGE_PIN_INVALID", "工牌号或PIN错误。", "Wrong badge number or PIN.");
        }
        return ANSWER;
    });
    const page = await loadPage("login");
    wx.nextScan("1002");
    await tap(page, "#scan-badge");
    expect(page.instance.data.badge).toBe("1002");
    await change(page, "#pin", "1111");
    await tap(page, "#bind-pin");
    expect(text(page, "#error .message")).toBe("工牌号或PIN错误。");
    expect(text(page, "#error .next")).toBe("重新输入工牌号和PIN。");
    expect(page.instance.data.pin).toBe("");
    expect(store.tokens.get()).toBeNull();
    await change(page, "#pin", "2468");
    await tap(page, "#bind-pin");
    expect(store.tokens.get().employee.name).toBe("李娜");
    const stored = [...wx._storage.values()].join(" ");
    expect(stored).not.toContain("2468");
    expect(stored).not.toContain("1111");
});

test("no network at sign in: the worker is told, nothing is queued", async () => {
    const { server, store } = await setup({ signedIn: false });
    server.online = false;
    const page = await loadPage("login");
    await change(page, "#code", "4829301756");
    await tap(page, "#bind");
    expect(text(page, "#error .code")).toBe("SF_NETWORK");
    expect(store.outbox.entries).toHaveLength(0);
});

test("the language switch turns the page into English and is remembered", async () => {
    const { wx } = await setup({ signedIn: false });
    const page = await loadPage("login");
    expect(text(page, "#wechat")).toBe("微信一键登录");
    await tap(page, "#lang");
    expect(text(page, "#wechat")).toBe("Sign in with WeChat");
    expect(wx._storage.get("shopfloor.lang")).toBe("en_US");
    await tap(page, "#lang");
    expect(text(page, "#wechat")).toBe("微信一键登录");
});
