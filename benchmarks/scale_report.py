"""benchmarks/scale.py's table and verdicts: per page and reader, at 1x / 10x / 100x, requests
per second, their ratio to the floor (the trivial view), p50 and p99 under load, the time
computed from empty caches and SQL queries, with the 100x/1x ratios; then one line per goal of
issue 28's "Done when", met or not."""

from benchmarks.scale_probe import ANONYMOUS, PAGES, SIGNED_IN

COLUMNS = (
    "page",
    "reader",
    "req/s",
    "of the floor",
    "p50 ms",
    "p99 ms",
    "uncached ms",
    "queries",
    "100x/1x uncached, req/s",
)


def _number(value) -> str:
    if value is None:
        return "-"
    if value >= 10:
        return f"{value:,.0f}"
    return f"{value:.1f}" if value >= 1 else f"{value:.2f}"


def _ratio(value) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if value < 0.1 else f"{value:.2f}"


def figures(result, key) -> dict:
    """One page and reader at one size: what wrk and the probe measured."""
    run, floor = result["runs"][key], result["runs"]["floor"]
    probe = result["probe"]["pages"][key]
    answered = run.requests > 0
    return {
        "rate": run.per_second,
        "of_floor": run.per_second / floor.per_second,
        "p50": run.percentile_ms(50) if answered else None,
        "p99": run.percentile_ms(99) if answered else None,
        "errors": run.errors,
        "ms": probe["ms"],
        "queries": probe["queries"],
        "status": probe["status"],
    }


def _row(results, label, reader) -> list:
    key = f"{label}|{reader}"
    sizes = [figures(results[factor], key) for factor in sorted(results)]

    def triple(name, show):
        return " / ".join(show(each[name]) for each in sizes)

    first, last = sizes[0], sizes[-1]
    rate_ratio = last["rate"] / first["rate"] if first["rate"] else None
    notes = [f"{each['errors']} errors" for each in sizes if each["errors"]]
    notes += [f"status {each['status']}" for each in sizes if each["status"] != 200]
    return [
        label,
        reader,
        triple("rate", _number),
        triple("of_floor", _ratio),
        triple("p50", _number),
        triple("p99", _number),
        triple("ms", _number),
        triple("queries", str) + ("" if len({each["queries"] for each in sizes}) == 1 else " GROWS"),
        f"{last['ms'] / first['ms']:.2f}, {_ratio(rate_ratio)}" + (f" ({', '.join(notes)})" if notes else ""),
    ]


def table(results) -> list[str]:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    floors = " / ".join(_number(results[f]["runs"]["floor"].per_second) for f in sorted(results))
    floor_p50 = " / ".join(_number(results[f]["runs"]["floor"].percentile_ms(50)) for f in sorted(results))
    lines.append(f"| the floor (/_floor/) | anonymous | {floors} | 1 | {floor_p50} | | | | |")
    for label, _path, readers in PAGES:
        for reader in readers:
            lines.append("| " + " | ".join(_row(results, label, reader)) + " |")
    return lines


def _within(results, keys, measure, goal, compare) -> str:
    """Whether every page of `keys` meets the goal; a page that failed at some size does not."""
    values = {key: measure(key) for key in keys}
    failed = [key for key in keys for factor in results if figures(results[factor], key)["status"] != 200]
    met = not failed and all(compare(value, goal) for value in values.values())
    shown = ", ".join(f"{key.replace('|', ', ')} {_ratio(value)}" for key, value in values.items())
    failures = f" (failed: {', '.join(sorted({key.replace('|', ', ') for key in failed}))})" if failed else ""
    return f"{'met' if met else 'NOT MET'}: {shown}{failures}"


def verdicts(results) -> list[str]:
    small, big = min(results), max(results)

    def growth(key):
        return figures(results[big], key)["ms"] / figures(results[small], key)["ms"]

    def of_floor_10x(key):
        return figures(results[10], key)["of_floor"]

    at_most, at_least = (lambda v, g: v <= g), (lambda v, g: v >= g)
    same_group = [f"group I|{SIGNED_IN}", f"group I|{ANONYMOUS}", f"report of group I|{SIGNED_IN}"]
    same_group.append(f"API group I|{ANONYMOUS}")
    listing = [f"home|{ANONYMOUS}", f"home|{SIGNED_IN}", f"search estadistica|{ANONYMOUS}"]
    listing.append(f"search estadistica|{SIGNED_IN}")
    keys = [f"{label}|{reader}" for label, _path, readers in PAGES for reader in readers]
    grows = [key for key in keys if len({figures(results[f], key)["queries"] for f in results}) > 1]
    return [
        "Group I's page, its report page and the API's group I at 100x within 1.5x of 1x (uncached ms): "
        + _within(results, same_group, growth, 1.5, at_most),
        "Home and search at 100x within 2x of 1x (uncached ms): "
        + _within(results, listing, growth, 2, at_most),
        "Signed-in home and group I at 10x at least 0.02 of the floor (req/s): "
        + _within(results, [f"home|{SIGNED_IN}", f"group I|{SIGNED_IN}"], of_floor_10x, 0.02, at_least),
        "Open data at 10x at least 0.1 of the floor (req/s): "
        + _within(
            results, [f"programme.json|{ANONYMOUS}", f"progress.csv|{ANONYMOUS}"], of_floor_10x, 0.1, at_least
        ),
        "Queries per page flat at every size: "
        + ("met" if not grows else "NOT MET: " + ", ".join(k.replace("|", ", ") for k in grows)),
    ]


def report(results, header) -> None:
    print(header)
    for factor in sorted(results):
        size = results[factor]["probe"]["size"]
        print(
            f"  {factor}x: {size['groups']:,} groups, {size['activities']:,} activities, "
            f"{size['entries']:,} entries, {size['documents']:,} documents"
        )
    print("  Per page, at " + " / ".join(f"{f}x" for f in sorted(results)) + ":")
    for line in table(results):
        print("  " + line)
    for line in verdicts(results):
        print("  " + line)
