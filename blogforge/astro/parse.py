"""Parse an Astro project's TypeScript/JavaScript with tree-sitter and fold what is static.

Astro keeps a blog's structure in code. We never run that code and never match regexes over
it: each file is parsed into a syntax tree, and `Module.value` folds only what a reader can
see without running anything — string, number and template literals, object and array
literals, `!`, `??`, `||`, `&&`, `===`, ternaries, and constants, also those imported from
local modules (`../consts`, `@/config`, resolved through tsconfig's `paths`). Anything else
(a call, `import.meta.env.X` but `PROD`, a parameter) is `UNKNOWN`, and the caller decides.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tree_sitter_typescript
from tree_sitter import Language, Node, Parser

TYPESCRIPT = Language(tree_sitter_typescript.language_typescript())
MAX_IMPORT_HOPS = 8
SOURCE_SUFFIXES = (".ts", ".mts", ".js", ".mjs", ".cjs", ".tsx", ".jsx")
WRAPPERS = ("parenthesized_expression", "as_expression", "satisfies_expression",
            "non_null_expression", "await_expression", "type_assertion")  # fmt: skip


class _Unknown:
    """A value a static reading cannot give (a call's result, a parameter)."""

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        return False


UNKNOWN: Any = _Unknown()


def is_known(value: object) -> bool:
    return value is not UNKNOWN


def text(node: Node | None) -> str:
    return node.text.decode("utf-8", "replace") if node is not None and node.text else ""


def unwrap(node: Node) -> Node:
    """The expression inside parentheses, `as T`, `satisfies T`, `x!` and `await`."""
    while node.type in WRAPPERS and node.named_children:
        node = node.named_children[0]
    return node


def astro_frontmatter(source: str) -> str:
    """The TypeScript between an `.astro` file's `---` fences, other lines blanked so that
    node lines are the file's lines."""
    lines = source.split("\n")
    if not lines or lines[0].strip() != "---":
        return ""
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            return "\n".join(["", *lines[1:end]])
    return ""


@dataclass(frozen=True)
class Function:
    """A function found in a module: its parameter names and body, for callers to read."""

    module: Module
    node: Node
    params: tuple[str, ...]

    @property
    def body(self) -> Node | None:
        return self.node.child_by_field_name("body")


class Module:
    """One parsed file: its top-level constants, functions and imports, by name."""

    def __init__(self, project: Modules, path: Path, source: str) -> None:
        self.project = project
        self.path = path
        self.label = path.relative_to(project.root).as_posix()
        self.tree = Parser(TYPESCRIPT).parse(source.encode("utf-8"))
        self.bindings: dict[str, Node] = {}  # const name -> its value expression
        self.functions: dict[str, Node] = {}
        self.imports: dict[str, tuple[str, str]] = {}  # local name -> (specifier, exported name)
        self.default: Node | None = None
        for node in self.tree.root_node.named_children:
            self._declare(node)

    def line(self, node: Node) -> int:
        return node.start_point[0] + 1

    def where(self, node: Node) -> str:
        return f"{self.label}:{self.line(node)}"

    def _declare(self, node: Node) -> None:
        if node.type == "export_statement":
            declaration = node.child_by_field_name("declaration")
            value = node.child_by_field_name("value")
            if declaration is not None:
                self._declare(declaration)
            elif value is not None:  # export default <expression or anonymous function>
                self.default = value
                if value.type in ("function_expression", "arrow_function"):
                    self.functions["default"] = value
            for child in node.named_children:
                if child.type == "function_declaration" and child.child_by_field_name("name"):
                    self._declare(child)
        elif node.type in ("lexical_declaration", "variable_declaration"):
            for declarator in node.named_children:
                name = declarator.child_by_field_name("name")
                value = declarator.child_by_field_name("value")
                named = declarator.type == "variable_declarator" and name is not None
                if named and value is not None and name.type == "identifier":
                    self.bindings[text(name)] = value
                    if unwrap(value).type in ("arrow_function", "function_expression"):
                        self.functions[text(name)] = unwrap(value)
        elif node.type in ("function_declaration", "generator_function_declaration"):
            self.functions[text(node.child_by_field_name("name"))] = node
        elif node.type == "import_statement":
            self._import(node)

    def _import(self, node: Node) -> None:
        source = node.child_by_field_name("source")
        specifier = text(source)[1:-1]
        for clause in (c for c in node.named_children if c.type == "import_clause"):
            for part in clause.named_children:
                if part.type == "identifier":
                    self.imports[text(part)] = (specifier, "default")
                elif part.type == "named_imports":
                    for item in part.named_children:
                        name = text(item.child_by_field_name("name"))
                        alias = item.child_by_field_name("alias")
                        self.imports[text(alias) if alias else name] = (specifier, name)

    # -- names ---------------------------------------------------------------------------------
    def function(self, name: str, hops: int = 0) -> Function | None:
        """A function by the name it has here, following imports to local modules (a few
        hops: two modules importing a name from each other must not loop)."""
        node = self.functions.get(name)
        if node is not None:
            return Function(self, node, parameter_names(node))
        if name in self.imports and hops < MAX_IMPORT_HOPS:
            specifier, exported = self.imports[name]
            target = self.project.imported(self, specifier)
            return target.function(exported, hops + 1) if target is not None else None
        return None

    def resolve(self, name: str, hops: int = 0) -> tuple[Module, Node] | None:
        """The module and expression a constant's name stands for."""
        if name in self.bindings:
            return self, self.bindings[name]
        if name == "default" and self.default is not None:
            return self, self.default
        if name in self.imports and hops < MAX_IMPORT_HOPS:
            specifier, exported = self.imports[name]
            target = self.project.imported(self, specifier)
            return target.resolve(exported, hops + 1) if target is not None else None
        return None

    # -- folding -------------------------------------------------------------------------------
    def value(self, node: Node | None, depth: int = 0) -> Any:
        """The static value of an expression, or UNKNOWN."""
        if node is None or depth > 40:
            return UNKNOWN
        node = unwrap(node)
        kind = node.type
        if kind == "string":
            return string_value(node)
        if kind == "template_string":
            parts = []
            for child in node.named_children:
                if child.type == "template_substitution":
                    inner = self.value(child.named_children[0], depth + 1)
                    if not isinstance(inner, str | int | float) or isinstance(inner, bool):
                        return UNKNOWN
                    parts.append(str(inner))
                else:
                    parts.append(escape_value(text(child)))
            return "".join(parts)
        if kind == "number":
            number = float(text(node).replace("_", ""))
            return int(number) if number.is_integer() else number
        if kind in ("true", "false"):
            return kind == "true"
        if kind in ("null", "undefined"):
            return None
        if kind == "identifier":
            found = self.resolve(text(node))
            return found[0].value(found[1], depth + 1) if found else UNKNOWN
        if kind == "object":
            return self._object(node, depth)
        if kind == "array":
            items = [self.value(child, depth + 1) for child in node.named_children]
            return UNKNOWN if any(i is UNKNOWN for i in items) else items
        if kind == "member_expression":
            return self._member(node, depth)
        if kind == "unary_expression":
            operand = self.value(node.child_by_field_name("argument"), depth + 1)
            operator = text(node.child_by_field_name("operator"))
            if operator == "!" and operand is not UNKNOWN:
                return not operand
            return UNKNOWN
        if kind == "binary_expression":
            return self._binary(node, depth)
        if kind == "ternary_expression":
            test = self.value(node.child_by_field_name("condition"), depth + 1)
            if test is UNKNOWN:
                return UNKNOWN
            branch = "consequence" if test else "alternative"
            return self.value(node.child_by_field_name(branch), depth + 1)
        return UNKNOWN

    def _object(self, node: Node, depth: int) -> Any:
        result: dict[str, Any] = {}
        for child in node.named_children:
            if child.type == "pair":
                key = child.child_by_field_name("key")
                name = string_value(key) if key.type == "string" else text(key)
                result[name] = self.value(child.child_by_field_name("value"), depth + 1)
            elif child.type == "shorthand_property_identifier":
                found = self.resolve(text(child))
                result[text(child)] = found[0].value(found[1], depth + 1) if found else UNKNOWN
            elif child.type == "spread_element":
                spread = self.value(child.named_children[0], depth + 1)
                if not isinstance(spread, dict):
                    return UNKNOWN
                result.update(spread)
        return result

    def _member(self, node: Node, depth: int) -> Any:
        if text(node) == "import.meta.env.PROD":
            return True  # a build is a production build
        if text(node) == "import.meta.env.DEV":
            return False
        owner = self.value(node.child_by_field_name("object"), depth + 1)
        name = text(node.child_by_field_name("property"))
        if isinstance(owner, dict):
            return owner.get(name)
        if isinstance(owner, list | str) and name == "length":
            return len(owner)
        return UNKNOWN

    def _binary(self, node: Node, depth: int) -> Any:
        operator = text(node.child_by_field_name("operator"))
        left = self.value(node.child_by_field_name("left"), depth + 1)
        if operator in ("??", "||", "&&"):
            if left is UNKNOWN:
                return UNKNOWN
            keep_left = {"??": left is not None, "||": bool(left), "&&": not left}[operator]
            return left if keep_left else self.value(node.child_by_field_name("right"), depth + 1)
        right = self.value(node.child_by_field_name("right"), depth + 1)
        if left is UNKNOWN or right is UNKNOWN:
            return UNKNOWN
        if operator in ("===", "=="):
            return left == right
        if operator in ("!==", "!="):
            return left != right
        if operator == "+" and isinstance(left, str | int | float) and type(left) is type(right):
            return left + right
        if operator in ("*", "-") and all(isinstance(v, int | float) for v in (left, right)):
            return left * right if operator == "*" else left - right
        return UNKNOWN


def string_value(node: Node) -> str:
    return "".join(
        escape_value(text(c)) if c.type == "escape_sequence" else text(c)
        for c in node.named_children
    )


ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", "'": "'", '"': '"', "`": "`"}


def escape_value(raw: str) -> str:
    if not raw.startswith("\\"):
        return raw
    return ESCAPES.get(raw[1:2], raw[1:])


def parameter_names(function: Node) -> tuple[str, ...]:
    """`(a, b: T, { paginate })` -> ("a", "b", "{paginate}"); a lone arrow parameter too."""
    params = function.child_by_field_name("parameters") or function.child_by_field_name("parameter")
    if params is None:
        return ()
    if params.type == "identifier":
        return (text(params),)
    names = []
    for param in params.named_children:
        pattern = param.child_by_field_name("pattern") or param
        names.append(text(pattern) if pattern.type == "identifier" else "{" + text(pattern) + "}")
    return tuple(names)


# Tree-sitter parses in linear time, but a project's code files are a few KiB: a bigger one is
# generated or a mistake, and is not read (named in `--verbose`; blogforge.toml can say what it
# would have).
MAX_CODE_BYTES = 1 << 20


class Modules:
    """Every module of a project parsed once, and import specifiers resolved to local files."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cache: dict[Path, Module | None] = {}
        self.aliases = tsconfig_paths(root)
        self.unread: list[str] = []  # files over MAX_CODE_BYTES, by name

    def load(self, path: Path) -> Module | None:
        path = path.resolve()
        if path not in self.cache:
            self.cache[path] = None
            try:
                with open(path, "rb") as stream:
                    data = stream.read(MAX_CODE_BYTES + 1)
            except OSError:
                return None
            if len(data) > MAX_CODE_BYTES:
                self.unread.append(path.name)
                return None
            source = data.decode("utf-8", errors="replace")
            if path.suffix == ".astro":
                source = astro_frontmatter(source)
            self.cache[path] = Module(self, path, source)
        return self.cache[path]

    def imported(self, module: Module, specifier: str) -> Module | None:
        """The local module an import names (`./x`, `../consts`, `@/lib/y`), else None."""
        if specifier.startswith("."):
            base = module.path.parent / specifier
        else:
            base = None
            for prefix, target in self.aliases:
                if specifier.startswith(prefix):
                    base = self.root / (target + specifier[len(prefix) :])
                    break
            if base is None and specifier.startswith("src/"):
                base = self.root / specifier
        if base is None:
            return None
        candidates = [base, *(base.with_name(base.name + s) for s in SOURCE_SUFFIXES)]
        candidates += [base / f"index{s}" for s in SOURCE_SUFFIXES]
        for candidate in candidates:
            if candidate.is_file() and self.root.resolve() in candidate.resolve().parents:
                return self.load(candidate)
        return None


def tsconfig_paths(root: Path) -> list[tuple[str, str]]:
    """tsconfig.json `compilerOptions.paths` as (prefix, folder) pairs, longest first:
    `"@utils/*": ["src/utils/*"]` -> ("@utils/", "src/utils/")."""
    try:
        raw = (root / "tsconfig.json").read_text(encoding="utf-8")
        # tsconfig allows comments and trailing commas; JSON does not.
        raw = re.sub(r"^\s*//.*$", "", raw, flags=re.MULTILINE)
        raw = re.sub(r",(\s*[}\]])", r"\1", raw)
        paths = json.loads(raw).get("compilerOptions", {}).get("paths", {})
    except (OSError, ValueError, AttributeError):
        paths = {}
    pairs = []
    for key, targets in paths.items() if isinstance(paths, dict) else ():
        if key.endswith("*") and targets and isinstance(targets[0], str):
            pairs.append((key[:-1], targets[0].removeprefix("./").removesuffix("*")))
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def calls(node: Node, name: str | None = None) -> list[Node]:
    """Every call expression under a node (in source order), optionally to one function name
    (`getCollection`, or a method name such as `filter`)."""
    found = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "call_expression":
            callee = current.child_by_field_name("function")
            callee_name = text(callee.child_by_field_name("property")) if callee and (
                callee.type == "member_expression") else text(callee)  # fmt: skip
            if name is None or callee_name == name:
                found.append(current)
        stack.extend(reversed(current.named_children))
    return found


def arguments(call: Node) -> list[Node]:
    args = call.child_by_field_name("arguments")
    return [a for a in args.named_children if a.type != "comment"] if args is not None else []
