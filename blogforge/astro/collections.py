"""Content collections as `src/content.config.ts` (or legacy `src/content/config.ts`) defines
them: where each one's files are (a `glob({ base, pattern })` or `file()` loader, or the legacy
`src/content/<name>/` folder) and what its zod schema asks of them.

The schema decides what an entry must have: a collection whose schema has no `title` (a store,
an authors list, tag metadata) is not held to a blog post's rules. Only the schema's shape is
read: each field's base type (`z.string()`, `z.coerce.date()`, `image()`, `z.array(...)`),
whether `.optional()` or `.default(x)` makes it optional, and a `.default` value we can fold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tree_sitter import Node

from blogforge.astro.parse import UNKNOWN, Module, Modules, arguments, text, unwrap

CONTENT_CONFIG_NAMES = (
    "src/content.config.ts", "src/content.config.js", "src/content.config.mjs",
    "src/content.config.mts", "src/content/config.ts", "src/content/config.js",
    "src/content/config.mjs", "src/content/config.mts",
)  # fmt: skip
OPTIONAL_METHODS = ("optional", "nullish")
KINDS = {"string": "string", "date": "date", "number": "number", "boolean": "boolean",
         "array": "array", "image": "image", "object": "object", "enum": "string"}  # fmt: skip


@dataclass(frozen=True)
class SchemaField:
    """One field of a collection's schema."""

    name: str
    kind: str  # string, date, number, boolean, array, image, object, other
    required: bool
    default: Any  # UNKNOWN when there is no default (or it cannot be folded)
    line: int
    transformed: bool = False


@dataclass
class Collection:
    name: str
    folder: str  # relative to the project root, posix
    where: str  # file:line of its definition
    loader: str = "legacy"  # glob, file, legacy, other
    fields: tuple[SchemaField, ...] | None = None  # None: no schema, nothing is required
    schema_where: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields or () if f.required)

    def defaults(self) -> dict[str, Any]:
        return {f.name: f.default for f in self.fields or () if f.default is not UNKNOWN}


def find_content_config(root: Path) -> Path | None:
    return next((root / n for n in CONTENT_CONFIG_NAMES if (root / n).is_file()), None)


def read_collections(root: Path, modules: Modules) -> tuple[list[Collection], str]:
    """The collections and the file they came from; without a content config, each folder of
    src/content/ is a legacy collection without a schema."""
    path = find_content_config(root)
    module = modules.load(path) if path is not None else None
    if module is None:
        content = root / "src" / "content"
        folders = sorted(p for p in content.iterdir() if p.is_dir()) if content.is_dir() else []
        return [
            Collection(p.name, f"src/content/{p.name}", "src/content/")
            for p in folders
            if not p.name.startswith(("_", "."))
        ], ""
    exported = module.resolve("collections")
    found: list[Collection] = []
    if exported is None or unwrap(exported[1]).type != "object":
        return found, module.label
    for pair in unwrap(exported[1]).named_children:
        if pair.type == "pair":
            key = pair.child_by_field_name("key")
            name = text(key).strip("'\"")
            value = pair.child_by_field_name("value")
        elif pair.type == "shorthand_property_identifier":
            name, value = text(pair), pair
        else:
            continue
        found.append(read_collection(root, module, name, value))
    return found, module.label


def _definition(module: Module, node: Node) -> tuple[Module, Node]:
    """Follow identifiers to the `defineCollection(...)` call they name."""
    for _ in range(10):
        node = unwrap(node)
        if node.type not in ("identifier", "shorthand_property_identifier"):
            break
        found = module.resolve(text(node))
        if found is None:
            break
        module, node = found
    return module, node


def read_collection(root: Path, module: Module, name: str, value: Node) -> Collection:
    module, call = _definition(module, value)
    collection = Collection(name, f"src/content/{name}", module.where(call))
    args = arguments(call) if call.type == "call_expression" else []
    options = unwrap(args[0]) if args else None
    if options is None or options.type != "object":
        collection.notes.append("definition not read: not an object literal")
        return collection
    for pair in (p for p in options.named_children if p.type == "pair"):
        key = text(pair.child_by_field_name("key"))
        item = pair.child_by_field_name("value")
        if key == "loader":
            _loader(root, module, item, collection)
        elif key == "schema":
            _schema(module, item, collection)
    return collection


def _loader(root: Path, module: Module, node: Node, collection: Collection) -> None:
    node = unwrap(node)
    callee = text(node.child_by_field_name("function")) if node.type == "call_expression" else ""
    args = arguments(node) if callee else []
    if callee == "glob" and args:
        options = module.value(args[0])
        base = options.get("base") if isinstance(options, dict) else UNKNOWN
        if isinstance(base, str):
            collection.folder = _relative(root, base)
            collection.loader = "glob"
            return
    elif callee == "file" and args:
        path = module.value(args[0])
        if isinstance(path, str):
            collection.folder = _relative(root, path)
            collection.loader = "file"
            return
    collection.loader = "other"
    collection.notes.append(
        f"{module.where(node)}: the {collection.name} loader is not read, using "
        f"{collection.folder}/ (set [collections.{collection.name}] folder in blogforge.toml)"
    )


def _relative(root: Path, path: str) -> str:
    return Path(path.removeprefix("./")).as_posix().strip("/")


def _schema(module: Module, node: Node, collection: Collection) -> None:
    module, node = _definition(module, node)
    if node.type == "arrow_function":  # schema: ({ image }) => z.object({...})
        body = node.child_by_field_name("body")
        module, node = _definition(module, body) if body is not None else (module, node)
    collection.schema_where = module.where(node)
    shape = _object_shape(node)
    if shape is None:
        collection.notes.append(
            f"{module.where(node)}: the {collection.name} schema is not read: its entries are "
            "held to a blog post's rules (a title and a date)"
        )
        return
    if shape.type == "identifier":
        module, shape = _definition(module, shape)
        shape = _object_shape(shape) if shape.type != "object" else shape
        if shape is None or shape.type != "object":
            collection.notes.append(
                f"{collection.schema_where}: the {collection.name} schema is not read: its "
                "entries are held to a blog post's rules (a title and a date)"
            )
            return
    fields = []
    for pair in (p for p in shape.named_children if p.type == "pair"):
        key = text(pair.child_by_field_name("key")).strip("'\"")
        fields.append(schema_field(module, key, pair.child_by_field_name("value")))
    collection.fields = tuple(fields)


def _object_shape(node: Node) -> Node | None:
    """The `{...}` of `z.object({...})`, also under `.strict()`, `.extend()` and the like."""
    node = unwrap(node)
    while node.type == "call_expression":
        callee = node.child_by_field_name("function")
        if callee is not None and callee.type == "member_expression":
            if text(callee.child_by_field_name("property")) == "object":
                args = arguments(node)
                return unwrap(args[0]) if args else None
            node = unwrap(callee.child_by_field_name("object"))
        else:
            return None
    return None


def schema_field(module: Module, name: str, node: Node) -> SchemaField:
    """A field from its zod chain, read from the outside in: `z.coerce.date().optional()`."""
    required, default, transformed = True, UNKNOWN, False
    kind = "other"
    current = unwrap(node)
    while current.type == "call_expression":
        callee = current.child_by_field_name("function")
        args = arguments(current)
        method = (
            text(callee.child_by_field_name("property"))
            if callee is not None and callee.type == "member_expression"
            else text(callee)
        )
        if method in OPTIONAL_METHODS:
            required = False
        elif method == "default":
            required = False
            if default is UNKNOWN and args:
                default = module.value(args[0])
        elif method == "transform":
            transformed = True
        elif method == "optional" or (method == "optional" and args):
            required = False
        if callee is not None and callee.type == "member_expression":
            owner = unwrap(callee.child_by_field_name("object"))
            if text(owner) in ("z", "z.coerce") or owner.type != "call_expression":
                kind = KINDS.get(method, "other")
                if method == "optional" and args:  # z.optional(image())
                    required = False
                    inner = schema_field(module, name, args[0])
                    kind = inner.kind
                break
            current = owner
        else:
            kind = KINDS.get(method, "other")  # image(), reference() ...
            break
    return SchemaField(name, kind, required, default, module.line(node), transformed)
