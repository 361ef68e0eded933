"""Pure calculations of the andon: escalation ladder, weighted mean times, Pareto.

No Odoo import: unit-tested alone (tests/test_andon_tools.py).
"""

import datetime


def escalation_level(raised_at, now, level_minutes):
    """The level an open exception should be at ``now``.

    ``level_minutes``: minutes after the raise at which each escalation level starts
    (level 1 = first entry). Level 0 is the responsible team, notified at the raise.

    >>> t0 = datetime.datetime(2026, 1, 1, 8, 0)
    >>> escalation_level(t0, t0 + datetime.timedelta(minutes=16), [5, 15, 30])
    2
    """
    elapsed = (now - raised_at).total_seconds() / 60.0
    level = 0
    for index, minutes in enumerate(level_minutes, 1):
        if elapsed >= minutes:
            level = index
    return level


def next_escalation_at(raised_at, level, level_minutes):
    """When the exception reaches the next level (None at the top of the ladder)."""
    if level >= len(level_minutes):
        return None
    return raised_at + datetime.timedelta(minutes=level_minutes[level])


def weighted_means(rows):
    """Mean time to acknowledge and to resolve, weighted by the exceptions.

    ``rows``: iterable of ``(key, ack_minutes or None, resolve_minutes or None)``, one per
    exception. A group's mean is its total minutes over its count of exceptions that
    reached the step, so the mean of a union of groups is never the mean of their
    means. Returns ``{key: {"count", "acked", "resolved", "mtta", "mttr"}}`` with the
    overall figures under the key ``None``.
    """
    acc = {}
    for key, ack, resolve in rows:
        for k in (key, None):
            a = acc.setdefault(k, [0, 0, 0.0, 0, 0.0])
            a[0] += 1
            if ack is not None:
                a[1] += 1
                a[2] += ack
            if resolve is not None:
                a[3] += 1
                a[4] += resolve
    return {
        k: {
            "count": count,
            "acked": acked,
            "resolved": resolved,
            "mtta": round(ack_sum / acked, 2) if acked else None,
            "mttr": round(res_sum / resolved, 2) if resolved else None,
        }
        for k, (count, acked, ack_sum, resolved, res_sum) in acc.items()
    }


def pareto(counts):
    """``counts`` {cause: n} -> [(cause, n, share %, cumulative %)], biggest first."""
    total = sum(counts.values())
    if not total:
        return []
    result = []
    cumulative = 0
    for cause, n in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        cumulative += n
        result.append((cause, n, round(100.0 * n / total, 1), round(100.0 * cumulative / total, 1)))
    return result
