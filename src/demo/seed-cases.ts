import type { DemoScenario } from './demo-scenario';
import { haicang, tongan } from './seed-cases-haicang-tongan';
import { huliPetition, huliSoiling, siming } from './seed-cases-siming-huli';

// The four cases of the article (Xiamen Daily, 2023-07-05). The article dates the Huli,
// Haicang and Tong'an cases in April to June; the demo moves them into Q1 2023 so that one
// quarter's board and ranking tell the whole story. Siming and Huli close within their
// deadlines, Tong'an closes late after chasing a slow contractor, Haicang stays open.

/** The article's cases, in the order the article tells them. */
export const SEED_CASES: readonly DemoScenario[] = [siming, huliSoiling, huliPetition, haicang, tongan];
