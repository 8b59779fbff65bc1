// Entry of the Chromium bench page; the code lives in scripts/bench/browser/ so that the
// project's type check covers it.
import { installBenchPage } from '../../scripts/bench/browser/page-runtime.ts';

installBenchPage();
