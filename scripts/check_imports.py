#!/usr/bin/env python3
"""Fails when a target imports a module of this package (or a package product) that Package.swift does not
declare for it, or declares a dependency it never imports: the module graph in Package.swift must be the one
the code has. Reads `swift package dump-package` and every target's Swift files."""
import json, os, re, subprocess, sys

package = json.loads(subprocess.run(["swift", "package", "dump-package"], check=True,
                                     capture_output=True, text=True).stdout)
targets = {t["name"]: t for t in package["targets"]}
# Products of dependencies, by the module name code imports.
product_modules = {"GRDB", "GRDBSQLite", "ArgumentParser", "Logging", "FlyingFox", "FlyingSocks", "MCP"}
# Modules that come with the toolchain.
system = {"Foundation", "FoundationNetworking", "FoundationEssentials", "Glibc", "Dispatch", "Testing", "XCTest",
          "Synchronization", "Darwin", "os"}
import_line = re.compile(r"^\s*(?:@testable\s+|@_implementationOnly\s+)?import\s+(?:struct\s+|class\s+|enum\s+|func\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.M)

def folder(target):
    if target.get("path"):
        return target["path"]
    return os.path.join("Tests" if target["type"] == "test" else "Sources", target["name"])

def declared(target):
    names = set()
    for dependency in target["dependencies"]:
        kind, value = next(iter(dependency.items()))
        names.add(value[0])
    return names

problems = []
for name, target in targets.items():
    if target["type"] == "system":
        continue
    path = folder(target)
    imports = set()
    for root, _, files in os.walk(path):
        for file in files:
            if file.endswith(".swift"):
                with open(os.path.join(root, file), encoding="utf-8") as handle:
                    imports |= set(import_line.findall(handle.read()))
    imports -= system
    wanted = declared(target)
    for module in sorted(imports):
        if module == name:
            continue
        if (module in targets or module in product_modules) and module not in wanted:
            problems.append(f"{name}: imports {module} but Package.swift does not declare it")
    for module in sorted(wanted):
        if module in targets and targets[module]["type"] != "system" and module not in imports \
                and targets[module]["type"] != "executable":
            problems.append(f"{name}: declares {module} but never imports it")
        if module in targets and targets[module]["type"] == "system" and module not in imports:
            problems.append(f"{name}: declares {module} but never imports it")

for problem in problems:
    print("check-imports:", problem)
print(f"check-imports: {len(targets)} targets, {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
