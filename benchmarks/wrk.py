"""wrk, the HTTP load tool the serving benchmarks drive (serving.py, cache_down.py,
render_tasks.py, scale.py): one way to run it and one reading of what it prints, so that every
benchmark counts requests, latencies and errors alike."""

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

# A wrk script asking for `paths` in turn (fill with paths_script()).
PATHS_LUA = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""
_SOCKETS = r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"
_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def available() -> bool:
    return shutil.which("wrk") is not None


@dataclass(frozen=True)
class Run:
    """What one run of wrk printed, read."""

    output: str

    @property
    def per_second(self) -> float:
        return float(re.search(r"Requests/sec:\s+([\d.]+)", self.output).group(1))

    @property
    def requests(self) -> int:
        return int(re.search(r"(\d+) requests in", self.output).group(1))

    def percentile(self, which: int) -> str:
        """The latency percentile (50, 75, 90 or 99) as wrk writes it: "1.23ms"."""
        return re.search(rf"\s{which}%\s+([\d.]+\w+)", self.output).group(1)

    def percentile_ms(self, which: int) -> float:
        number, unit = re.fullmatch(r"([\d.]+)(\w+)", self.percentile(which)).groups()
        return float(number) * _UNITS_MS[unit]

    @property
    def non_2xx(self) -> int:
        """Answers that were not 2xx or 3xx."""
        failed = re.search(r"Non-2xx or 3xx responses: (\d+)", self.output)
        return int(failed.group(1)) if failed else 0

    @property
    def sockets(self) -> tuple[int, int, int, int]:
        """Socket errors: connect, read, write, and answers later than wrk's --timeout."""
        found = re.search(_SOCKETS, self.output)
        return tuple(map(int, found.groups())) if found else (0, 0, 0, 0)

    @property
    def errors(self) -> int:
        """Every request that did not get a 2xx or 3xx answer in time."""
        return self.non_2xx + sum(self.sockets)

    def summary(self) -> str:
        return (
            f"{self.per_second:.0f} requests/s, p50 {self.percentile(50)}, p99 {self.percentile(99)}, "
            f"{self.errors} errors"
        )


def run(url, *, seconds, connections, threads=2, timeout=None, script=None, headers=()) -> Run:
    """wrk against `url` for `seconds` at `connections`, with its latency distribution; `timeout`
    as wrk takes it ("10s"; its default, 2 s, counts a slow answer as an error)."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if timeout:
        command += ["--timeout", timeout]
    if script:
        command += ["-s", str(script)]
    for header in headers:
        command += ["-H", header]
    done = subprocess.run([*command, url], capture_output=True, text=True, timeout=seconds + 90, check=True)
    return Run(done.stdout)


def paths_script(paths, directory) -> Path:
    """A wrk script in `directory` asking for `paths` in turn."""
    script = Path(directory) / "paths.lua"
    script.write_text(PATHS_LUA % ", ".join(f'"{path}"' for path in paths))
    return script
