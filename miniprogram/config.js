/**
 * Where the mini-program talks to, set per factory before uploading (docs/miniprogram.md).
 * baseUrl: the Odoo server, HTTPS, its domain listed in the mini-program's "request
 * legal domains" (request 合法域名) and ICP-filed.
 * subscribeTemplates: the subscribe-message template ids chosen in the mini-program
 * console (订阅消息), also set on the server's WeChat notification channel.
 */
module.exports = {
    baseUrl: "https://erp.example.com",
    requestTimeout: 15000,
    subscribeTemplates: {
        wage_statement_ready: "",
        dispute_answered: "",
    },
};
