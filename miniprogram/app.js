// The mini-program: one store (lib/store.js) shared by the pages; the outbox is
// replayed at launch, when the network comes back and every 15 s while it has work.
const { getStore } = require("./lib/store.js");

App({
    onLaunch() {
        this.store = getStore();
        this.store.start();
    },
    onShow() {
        if (this.store) {
            this.store.flush();
        }
    },
});
