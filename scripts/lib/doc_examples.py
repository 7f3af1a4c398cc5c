#!/usr/bin/env python3
"""Type-checks every ```swift example in the doc comments under Sources/ against the built modules, so an
example cannot drift from the API it shows. Each example is compiled as it stands in the comment (no copy):
it becomes the body of a function whose parameters are the example's inputs, declared in
scripts/lib/doc-example-inputs.txt, and `#sourceLocation` points every error at the comment's own line.

Usage: doc_examples.py BUILD_DIR   (the debug build folder holding Modules/, e.g. .build/debug)
Exit 0 when all compile; 1 with the compiler's errors. Inputs of examples that are gone are only noted."""
import concurrent.futures, glob, os, re, subprocess, sys, tempfile

OPEN = re.compile(r"^\s*///\s?```swift\s*$")
CLOSE = re.compile(r"^\s*///\s?```\s*$")
PREFIX = re.compile(r"^\s*/// ?")


def examples():
    """(path, module, index in file, first line number of the body, body lines) for every example."""
    for path in sorted(glob.glob("Sources/**/*.swift", recursive=True)):
        module = path.split("/")[1]
        lines = open(path, encoding="utf-8").read().split("\n")
        index, i = 0, 0
        while i < len(lines):
            if OPEN.match(lines[i]):
                j, body = i + 1, []
                while j < len(lines) and not CLOSE.match(lines[j]):
                    if not lines[j].lstrip().startswith("///"):
                        break
                    body.append(PREFIX.sub("", lines[j], count=1))
                    j += 1
                index += 1
                yield path, module, index, i + 2, body
                i = j
            i += 1


def inputs(spec_path):
    """`path[#n] | parameters | return type | extra imports` lines -> {(path, n or 0): (params, ret, imports)}."""
    table = {}
    for number, raw in enumerate(open(spec_path, encoding="utf-8"), 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [field.strip() for field in line.split("|")] + ["", "", ""]
        path, _, which = fields[0].partition("#")
        table[(path, int(which) if which else 0)] = (fields[1], fields[2], fields[3].split(), number)
    return table


def main():
    build = sys.argv[1]
    spec_path = "scripts/lib/doc-example-inputs.txt"
    table = inputs(spec_path)
    used = set()
    files = {}
    count = 0
    for path, module, index, first, body in examples():
        key = (path, index) if (path, index) in table else (path, 0)
        params, ret, extra, _ = table.get(key, ("", "", [], 0))
        used.add(key)
        name = re.sub(r"[^A-Za-z0-9]", "_", f"{path}_{index}")
        source = files.setdefault(module, {"imports": set(), "text": []})
        source["imports"].update(extra)
        # `sync` in the return field: a synchronous example (an async context would pick another overload).
        effects = "throws" if ret.startswith("sync") else "async throws"
        ret = ret[4:].strip() if ret.startswith("sync") else ret
        arrow = f" -> {ret}" if ret else ""
        source["text"].append(f"func docExample_{name}({params}) {effects}{arrow} {{\n"
                              f"#sourceLocation(file: \"{path}\", line: {first})\n"
                              + "\n".join(body) +
                              "\n#sourceLocation()\n}\n")
        count += 1
    stale = [f"{spec_path}:{table[key][3]}: {key[0]}{'#' + str(key[1]) if key[1] else ''} has no such example"
             for key in table if key not in used]
    modules = os.path.join(build, "Modules")
    executables = {"pfc-jobs": "pfc_jobs", "bench-imaging": "bench_imaging", "bench-driver": "bench_driver",
                   "claim-worker": "claim_worker"}
    with tempfile.TemporaryDirectory() as work:
        sources = []
        for module, source in sorted(files.items()):
            imports = {"Foundation", executables.get(module, module)} | source["imports"]
            header = "".join(f"@testable import {name}\n" if name == executables.get(module, module) else f"import {name}\n"
                             for name in sorted(imports))
            file = os.path.join(work, f"{module}Examples.swift")
            with open(file, "w", encoding="utf-8") as handle:
                handle.write(header + "\n" + "\n".join(source["text"]))
            sources.append(file)
        maps = []
        for pattern in [os.path.join(build, "*.build", "module.modulemap"), "Sources/*/module.modulemap",
                        os.path.join(build, "..", "..", "checkouts", "*", "Sources", "**", "module.modulemap"),
                        os.path.join(build, "..", "..", "checkouts", "FlyingFox", "CSystemLinux", "**", "module.modulemap")]:
            maps += glob.glob(pattern, recursive=True)
        command = ["swiftc", "-typecheck", "-suppress-warnings", "-I", modules]
        # The system libraries' headers, where Package.swift's pkgConfig names say they are.
        packages = re.findall(r'pkgConfig:\s*"([^"]+)"', open("Package.swift", encoding="utf-8").read())
        flags = subprocess.run(["pkg-config", "--cflags-only-I"] + packages, capture_output=True, text=True).stdout.split()
        for flag in flags:
            command += ["-Xcc", flag]
        for map_file in sorted(set(os.path.realpath(m) for m in maps)):
            command += ["-Xcc", f"-fmodule-map-file={map_file}"]
        # One compiler per module's examples (each file imports only its module and the inputs' modules, so
        # same-named types of two modules never meet), two at a time.
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda file: subprocess.run(command + [file], capture_output=True, text=True), sources))
    failed = [r for r in results if r.returncode != 0]
    output = "\n".join((r.stdout + r.stderr).strip() for r in failed)
    for line in stale:
        print("doc-examples: note:", line, "(remove the line)")
    if failed:
        print(output)
        errors = len(re.findall(r"^Sources/\S+: error:", output, re.M))
        print(f"doc-examples: {count} examples in Sources/, {errors} error(s): fix the example (or its inputs in {spec_path})")
        sys.exit(1)
    print(f"doc-examples: all {count} ```swift examples in Sources/ compile")


main()
