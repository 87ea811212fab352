// Lint rules that keep the server's layers true (ADR 046):
//   needlepoint/sql-in-repos     SQL (`.query(`) runs only in `*.repo.ts` and `server/src/db/`.
//   needlepoint/no-foreign-repo  a module never imports another module's repo; it calls that module's service.
import path from 'node:path';

const MODULE_FILE = /[\\/]server[\\/]src[\\/]modules[\\/]([^\\/]+)[\\/]/;
const REPO_FILE =
  /[\\/]server[\\/]src[\\/]modules[\\/]([^\\/]+)[\\/](?:.+[\\/])?[^\\/]+\.repo(?:\.[cm]?[jt]s)?$/;

/** The module a file belongs to (`server/src/modules/<module>/...`), or null. */
export function moduleOf(file) {
  const match = MODULE_FILE.exec(file);
  return match ? match[1] : null;
}

const sqlInRepos = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL runs only in *.repo.ts and server/src/db/' },
    schema: [],
    messages: {
      sqlOutsideRepo:
        "SQL lives in this module's *.repo.ts (or server/src/db/): move this query into a repo function.",
    },
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (
          callee.type === 'MemberExpression' &&
          !callee.computed &&
          callee.property.type === 'Identifier' &&
          callee.property.name === 'query'
        ) {
          context.report({ node, messageId: 'sqlOutsideRepo' });
        }
      },
    };
  },
};

const noForeignRepo = {
  meta: {
    type: 'problem',
    docs: { description: "a module never imports another module's repo" },
    schema: [],
    messages: {
      foreignRepo:
        "'{{source}}' is the {{owner}} module's repo: call the {{owner}} module's service instead.",
    },
  },
  create(context) {
    const file = context.filename;
    const importer = moduleOf(file);
    if (!importer) return {};
    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), source);
      const match = REPO_FILE.exec(target);
      if (match && match[1] !== importer) {
        context.report({ node, messageId: 'foreignRepo', data: { source, owner: match[1] } });
      }
    }
    return {
      ImportDeclaration(node) {
        check(node, node.source.value);
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value);
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value);
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node, node.source.value);
      },
    };
  },
};

export default {
  meta: { name: 'needlepoint-layers' },
  rules: { 'sql-in-repos': sqlInRepos, 'no-foreign-repo': noForeignRepo },
};
