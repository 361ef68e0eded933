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
