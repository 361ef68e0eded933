/**
 * A lot/serial trace (``trace/backward`` or ``trace/forward`` of shopfloor_trace) as a
 * readable tree: the answers list the links flat (each with its depth and the lot it
 * hangs from); this puts them back in order, depth first, for an indented list.
 */

/**
 * Rows of the tree, depth first: ``[{depth, lot, product, qty, production, finished}]``,
 * the traced lot first at depth 0. Backward: what the lot is made of (``components``
 * under ``parent_lot``); forward: what was made from it (``units`` under ``from_lot``).
 */
export function traceRows(data, direction = "backward") {
    if (!data || !data.lot) {
        return [];
    }
    const links = (direction === "forward" ? data.units : data.components) || [];
    const parentKey = direction === "forward" ? "from_lot" : "parent_lot";
    const children = new Map();
    for (const link of links) {
        const parent = link[parentKey] || data.lot.name;
        if (!children.has(parent)) {
            children.set(parent, []);
        }
        children.get(parent).push(link);
    }
    const rows = [{ depth: 0, lot: data.lot.name, product: data.lot.product, qty: null, production: null, onHold: Boolean(data.lot.on_hold) }];
    const seen = new Set([data.lot.name]);
    const walk = (name, depth) => {
        for (const link of children.get(name) || []) {
            rows.push({
                depth,
                lot: link.lot || null,
                product: link.product,
                qty: link.qty,
                production: link.production || null,
                finished: Boolean(link.finished),
            });
            // a lot met twice (or a loop in bad data) is listed, not walked again
            if (link.lot && !seen.has(link.lot)) {
                seen.add(link.lot);
                walk(link.lot, depth + 1);
            }
        }
    };
    walk(data.lot.name, 1);
    return rows;
}

/** The operations of each manufacturing order of a trace: ``[{production, operations}]``. */
export function traceProductions(data) {
    const productions = (data && data.productions) || [];
    const operations = (data && data.operations) || [];
    return productions.map((mo) => ({
        ...mo,
        operations: operations.filter((op) => op.production_id === mo.id),
        checks: ((data && data.checks) || []).filter((c) => c.production_id === mo.id),
    }));
}
