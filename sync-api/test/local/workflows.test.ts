/**
 * The CI/CD contract of .github/workflows (text checks: no YAML parser is installed): actions
 * pinned by commit SHA, pull-request plans only ever with the read-only plan role, the deploy
 * role only in the job that runs on pushes to main. The roles' trust is asserted in
 * terraform/tests/ci_roles.tftest.hcl.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../local/env.ts';

const read = (name: string) => readFileSync(join(repoRoot, '.github/workflows', name), 'utf8');
const workflows = { build: read('build-and-test.yml'), deploy: read('deploy.yml') };

/** The text of one job (from `  <name>:` to the next job or the end). */
function job(text: string, name: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf(`  ${name}:`);
  if (start < 0) throw new Error(`no job ${name}`);
  const end = lines.findIndex((line, i) => i > start && /^ {2}[a-z-]+:$/.test(line));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

describe('GitHub workflows', () => {
  it('pin every third-party action by a full commit SHA', () => {
    for (const [name, text] of Object.entries(workflows)) {
      const uses = [...text.matchAll(/uses:\s*(\S+)/g)].map((m) => m[1] ?? '');
      expect(uses.length, name).toBeGreaterThan(0);
      for (const ref of uses) {
        if (ref.startsWith('./')) continue;
        expect(ref, `${name}: ${ref}`).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
      }
    }
  });

  it('plan pull requests with the plan role only, never the deploy role', () => {
    const plan = job(workflows.deploy, 'plan');
    expect(plan).toContain("github.event_name == 'pull_request'");
    expect(plan).toContain("vars.AWS_PLAN_ROLE_ARN != ''");
    expect(plan).toMatch(/role-to-assume: \$\{\{ vars\.AWS_PLAN_ROLE_ARN \}\}\n/);
    expect(plan).not.toContain('AWS_ROLE_ARN');
  });

  it('use the deploy role only when a push to main applies', () => {
    const apply = job(workflows.deploy, 'apply');
    expect(apply).toContain("if: github.event_name == 'push' && github.ref == 'refs/heads/main'");
    expect(apply).toMatch(/role-to-assume: \$\{\{ vars\.AWS_ROLE_ARN \}\}\n/);
    // An environment would change the OIDC subject the deploy role trusts.
    expect(apply).not.toMatch(/^\s+environment:/m);
    expect(workflows.deploy.split('AWS_ROLE_ARN').length - 1).toBe(1);
  });

  it('grant OIDC tokens per job, not to the whole workflow', () => {
    const header = workflows.deploy.slice(0, workflows.deploy.indexOf('\njobs:'));
    expect(header).not.toContain('id-token');
    expect(workflows.build).not.toContain('id-token');
  });
});
