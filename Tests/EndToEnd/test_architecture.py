"""The architecture's rules, read from the package itself (`swift package dump-package`) and the
sources, so a change that breaks them fails here rather than in a reviewer's memory:

- every module a target imports is declared in Package.swift (no module reached only through
  another target's dependencies);
- the pure core (Sources/Core) imports no shell module, links no C module and reads no clock;
- numbers become text in one place (DecimalText): no String(format:) in shipped sources.
"""
import json
import pathlib
import re
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]
IMPORT = re.compile(r"^\s*(?:@testable\s+|@_exported\s+|public\s+|internal\s+)?import\s+(?:(?:struct|enum|class|func|protocol)\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.M)
PLATFORM = {"Foundation", "Darwin", "os", "FoundationEssentials", "Testing", "XCTest", "Glibc", "Dispatch", "Synchronization", "_Concurrency"}


def package():
    out = subprocess.run(["swift", "package", "dump-package"], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def declared(target):
    names = set()
    for dep in target["dependencies"]:
        for kind in ("byName", "target", "product"):
            if kind in dep:
                names.add(dep[kind][0])
    return names


def imports(path):
    found = set()
    for source in (ROOT / path).rglob("*.swift"):
        found.update(IMPORT.findall(source.read_text(encoding="utf-8")))
    return found


def test_every_imported_module_is_declared_in_the_package():
    pkg = package()
    targets = {t["name"]: t for t in pkg["targets"]}
    problems = []
    for name, target in targets.items():
        path = target.get("path")
        if not path:
            continue
        undeclared = imports(path) - PLATFORM - {name} - declared(target)
        if undeclared:
            problems.append(f"{name} imports {sorted(undeclared)} without declaring them")
    assert not problems, "\n".join(problems)
    assert len(targets) > 20, "the package should list its targets"


def test_the_pure_core_imports_no_shell_and_no_c_module_and_reads_no_clock():
    pkg = package()
    core = {t["name"] for t in pkg["targets"] if (t.get("path") or "").startswith("Sources/Core/")}
    assert "FieldworkEngine" in core and "FieldworkBasics" in core
    problems = []
    for target in pkg["targets"]:
        if target["name"] not in core:
            continue
        outside = imports(target["path"]) - PLATFORM - core
        if outside:
            problems.append(f"{target['name']} (core) imports {sorted(outside)}")
        for source in (ROOT / target["path"]).rglob("*.swift"):
            text = source.read_text(encoding="utf-8")
            for clock in ("Date()", "ContinuousClock", "DispatchTime.now", "clock_gettime", "ProcessInfo.processInfo"):
                if clock in text:
                    problems.append(f"{source.relative_to(ROOT)} reads the clock or environment ({clock})")
    assert not problems, "\n".join(problems)


def test_numbers_become_text_only_through_decimal_text():
    offenders = []
    for source in (ROOT / "Sources").rglob("*.swift"):
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if "String(format:" in line and not line.lstrip().startswith("///"):
                offenders.append(f"{source.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "use DecimalText (FieldworkBasics) instead:\n" + "\n".join(offenders)
