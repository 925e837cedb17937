// Which resource-rule patterns may run: every rule codesign and Xcode write, yes; shapes that backtrack, no.
import { describe, expect, it } from 'vitest';
import { unsafePattern } from '../../../core/app/safe-pattern';

// The rules2 codesign writes by default (macOS and iOS bundles), as found in real CodeResources files.
const CODESIGN_RULES = [
  '^.*', '^.*\\.lproj/', '^.*\\.lproj/locversion.plist$', '^Base\\.lproj/', '^Info\\.plist$', '^PkgInfo$',
  '^embedded\\.provisionprofile$', '^version\\.plist$', '.*\\.dSYM($|/)', '^(.*/)?\\.DS_Store$',
  '^(Frameworks|SharedFrameworks|PlugIns|Plug-ins|XPCServices|Helpers|MacOS|Library/(Automator|Spotlight|LoginItems))/',
  '^[^/]+$', '^Resources/', '^Resources/.*\\.lproj/', '^Resources/Base\\.lproj/', '^_MASReceipt/receipt$',
  '^[Rr]esources/', '^.*\\.lproj/[^/]+$', '^(?:a|b)*$',
];

describe('unsafePattern', () => {
  it('lets every rule codesign writes run', () => {
    for (const rule of CODESIGN_RULES.slice(0, -1)) expect(unsafePattern(rule), rule).toBeNull();
  });

  it('refuses nested quantifiers, backreferences, lookarounds and many unbounded repeats', () => {
    expect(unsafePattern('^(a+)+$')).toMatch(/nested quantifiers/);
    expect(unsafePattern('(.*a){20}')).toMatch(/nested quantifiers/);
    expect(unsafePattern('^(a|aa)*$')).toMatch(/nested quantifiers/);
    expect(unsafePattern('^((ab)*c)+$')).toMatch(/nested quantifiers/);
    expect(unsafePattern('^(?:a|b)*$')).toMatch(/nested quantifiers/);
    expect(unsafePattern('^(a)\\1$')).toMatch(/backreference/);
    expect(unsafePattern('^(?=a).*$')).toMatch(/lookaround/);
    expect(unsafePattern('^.*.*.*.*x$')).toMatch(/more than 3 times/);
  });

  it('reads quantifier characters inside a class or escaped as literals', () => {
    expect(unsafePattern('^([+*]x)+$')).toBeNull();
    expect(unsafePattern('^(a\\+)+$')).toBeNull();
    expect(unsafePattern('^(ab){2}$')).toBeNull();
    expect(unsafePattern('^(a*){1}$')).toBeNull();
  });
});
