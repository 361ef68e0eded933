"""Convert a JSPLIB-style job-shop file (``jobs[j] = [[machine, duration], ...]``) into the
input format of the shopfloor_planning scheduler (addons/shopfloor_planning/tools/scheduler/model.py).

Used once to produce ft06.json and ft10.json in this folder from the public instances of
Fisher & Thompson (1963); the tests read only the converted copies.

    python tests/data/jobshop/convert.py SOURCE.json > tests/data/jobshop/NAME.json
"""

import json
import sys


def convert(data):
    machines = sorted({m for job in data["jobs"] for m, _d in job})
    return {
        "name": data["name"],
        "optimum": data.get("optimum"),
        "reference": data.get("reference", ""),
        "origin": 0,
        "resources": [{"id": f"M{m}", "capacity": 1} for m in machines],
        "jobs": [
            {
                "id": f"J{j}",
                "ops": [
                    {"id": f"J{j}.{k}", "modes": [{"resource": f"M{m}", "duration": d}]}
                    for k, (m, d) in enumerate(job)
                ],
            }
            for j, job in enumerate(data["jobs"])
        ],
    }


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        json.dump(convert(json.load(f)), sys.stdout, indent=1)
        sys.stdout.write("\n")
