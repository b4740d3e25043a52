#!/usr/bin/env python3
"""Checks graded's FHIR export with a real validator.

    python3 tests/fhir/validate.py bundle.fhir.json [more.json ...]

1. The `fhir.resources` package (8.x, from PyPI: pip install 'fhir.resources>=8,<9') parses
   the Bundle with its R4B (4.3.0) models, the closest to R4 it ships: every entry's resource is
   validated against its model (element names and types, cardinality, required elements, the
   primitive types' patterns: ids, dateTimes, uris, codes).
2. What those models do not enforce, checked here against the R4 (4.0.1) value sets: Bundle.type,
   Bundle.entry.request.method, Observation.status, CarePlan.status, CarePlan.intent, the
   CarePlan activities' status, Condition clinical and verification status; plus every reference
   resolves to an entry of the Bundle, ids are valid and unique (across types too, as graded
   makes them), fullUrls are unique, a PUT's url
   is the entry's Type/id, and every Observation's effectiveDateTime has a time and an offset.

Prints one line per file and exits 0 when every file passes; otherwise prints each problem and
exits 1. Exit code 2: the package is missing (the tests skip or, under CI, fail on it).
"""

import json
import re
import sys

try:
    from fhir.resources.R4B.bundle import Bundle
except ImportError as e:  # pragma: no cover
    print(f"fhir.resources is not installed ({e}): pip install 'fhir.resources>=8,<9'")
    sys.exit(2)

# R4 (4.0.1) value sets.
BUNDLE_TYPE = {
    "document", "message", "transaction", "transaction-response", "batch",
    "batch-response", "history", "searchset", "collection",
}
HTTP_VERB = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"}
OBSERVATION_STATUS = {
    "registered", "preliminary", "final", "amended", "corrected", "cancelled",
    "entered-in-error", "unknown",
}
REQUEST_STATUS = {  # CarePlan.status
    "draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown",
}
CARE_PLAN_INTENT = {"proposal", "plan", "order", "option"}
CARE_PLAN_ACTIVITY_STATUS = {
    "not-started", "scheduled", "in-progress", "on-hold", "completed", "cancelled",
    "stopped", "unknown", "entered-in-error",
}
CONDITION_CLINICAL = (
    "http://terminology.hl7.org/CodeSystem/condition-clinical",
    {"active", "recurrence", "relapse", "inactive", "remission", "resolved"},
)
CONDITION_VERIFICATION = (
    "http://terminology.hl7.org/CodeSystem/condition-ver-status",
    {"unconfirmed", "provisional", "differential", "confirmed", "refuted", "entered-in-error"},
)
OBSERVATION_CATEGORY = (
    "http://terminology.hl7.org/CodeSystem/observation-category",
    {"social-history", "vital-signs", "imaging", "laboratory", "procedure", "survey",
     "exam", "therapy", "activity"},
)

ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")
UUID_URN = re.compile(r"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
ZONED = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")


def references(node, path=""):
    """Every Reference.reference in a resource, with where it is."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "reference" and isinstance(v, str):
                yield path, v
            else:
                yield from references(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from references(v, f"{path}[{i}]")


def coded(concept, system_and_codes, where, problems):
    system, codes = system_and_codes
    codings = [c for c in (concept or {}).get("coding", []) if c.get("system") == system]
    if not codings:
        problems.append(f"{where}: no coding from {system}")
    for c in codings:
        if c.get("code") not in codes:
            problems.append(f"{where}: `{c.get('code')}` is not in {system}")


def check(data):
    """The problems of one Bundle (an empty list when it passes)."""
    problems = []
    try:
        Bundle.model_validate(data)
    except Exception as e:  # pydantic's ValidationError, or the model refusing the input
        problems.append(f"fhir.resources (R4B models): {e}")
    if data.get("type") not in BUNDLE_TYPE:
        problems.append(f"Bundle.type `{data.get('type')}` is not an R4 bundle type")
    entries = data.get("entry", [])
    by_full_url, by_type_id, by_id = {}, {}, {}
    for i, e in enumerate(entries):
        r = e.get("resource", {})
        kind, rid = r.get("resourceType"), r.get("id")
        where = f"entry[{i}] {kind}/{rid}"
        if not isinstance(rid, str) or not ID.match(rid):
            problems.append(f"{where}: id is not [A-Za-z0-9-.]{{1,64}}")
        if (kind, rid) in by_type_id:
            problems.append(f"{where}: the same Type/id as entry[{by_type_id[(kind, rid)]}]")
        by_type_id[(kind, rid)] = i
        # graded's ids are unique across types too (FHIR asks it only within a type).
        if rid in by_id and by_type_id.get((kind, rid)) == i:
            problems.append(f"{where}: id repeats entry[{by_id[rid]}]")
        by_id.setdefault(rid, i)
        full = e.get("fullUrl")
        if full is not None:
            if full in by_full_url:
                problems.append(f"{where}: fullUrl {full} repeats entry[{by_full_url[full]}]")
            by_full_url[full] = i
            if full.startswith("urn:uuid:") and not UUID_URN.match(full):
                problems.append(f"{where}: fullUrl {full} is not a urn:uuid")
        req = e.get("request")
        if data.get("type") in ("transaction", "batch"):
            if not req:
                problems.append(f"{where}: a {data['type']} entry needs a request")
            else:
                if req.get("method") not in HTTP_VERB:
                    problems.append(f"{where}: request.method `{req.get('method')}`")
                if req.get("method") == "PUT" and req.get("url") != f"{kind}/{rid}":
                    problems.append(f"{where}: PUT url `{req.get('url')}` is not {kind}/{rid}")
        if kind == "Observation":
            if r.get("status") not in OBSERVATION_STATUS:
                problems.append(f"{where}: status `{r.get('status')}` is not an R4 Observation status")
            for j, c in enumerate(r.get("category", [])):
                coded(c, OBSERVATION_CATEGORY, f"{where}.category[{j}]", problems)
            at = r.get("effectiveDateTime")
            if not isinstance(at, str) or not ZONED.match(at):
                problems.append(f"{where}: effectiveDateTime `{at}` has no time with an offset")
        elif kind == "CarePlan":
            if r.get("status") not in REQUEST_STATUS:
                problems.append(f"{where}: status `{r.get('status')}` is not an R4 CarePlan status")
            if r.get("intent") not in CARE_PLAN_INTENT:
                problems.append(f"{where}: intent `{r.get('intent')}` is not an R4 CarePlan intent")
            for j, a in enumerate(r.get("activity", [])):
                s = a.get("detail", {}).get("status")
                if s not in CARE_PLAN_ACTIVITY_STATUS:
                    problems.append(f"{where}.activity[{j}]: status `{s}` is not an R4 activity status")
        elif kind == "Condition":
            coded(r.get("clinicalStatus"), CONDITION_CLINICAL, f"{where}.clinicalStatus", problems)
            coded(r.get("verificationStatus"), CONDITION_VERIFICATION,
                  f"{where}.verificationStatus", problems)
    for i, e in enumerate(entries):
        r = e.get("resource", {})
        for path, ref in references(r):
            where = f"entry[{i}] {r.get('resourceType')}/{r.get('id')}{path}"
            if ref.startswith("urn:"):
                if ref not in by_full_url:
                    problems.append(f"{where}: {ref} is no entry's fullUrl")
            else:
                parts = ref.split("/")
                if len(parts) != 2 or (parts[0], parts[1]) not in by_type_id:
                    problems.append(f"{where}: {ref} is no entry of the Bundle")
    return problems


def main(paths):
    if not paths:
        print(__doc__)
        return 2
    failed = False
    for path in paths:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        problems = check(data)
        if problems:
            failed = True
            print(f"FAIL {path}: {len(problems)} problems")
            for p in problems:
                print(f"  - {p}")
        else:
            kinds = {}
            for e in data.get("entry", []):
                k = e["resource"]["resourceType"]
                kinds[k] = kinds.get(k, 0) + 1
            summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
            print(f"ok {path}: R4B models and R4 value sets, {len(data.get('entry', []))} entries ({summary})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
