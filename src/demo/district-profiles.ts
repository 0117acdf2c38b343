import type { District } from '../issues/domain/vocabulary';

/** How one district's work group handles its generated issues. */
export interface DistrictProfile {
  /**
   * Share of the district's generated issues closed after the latest due time of their
   * items. Dealt as a quota, not rolled per issue, so that a dozen issues per district still
   * show the intended on-time rate instead of the luck of the seed.
   */
  late: number;
  /** Share still open, and overdue, on 31 March: the last item is never done. */
  open: number;
  /** Chance an item's first deadline proves too tight and the bureau extends it. */
  extension: number;
  /** Chance a completion is rejected once at verification and redone. */
  rejection: number;
  /** Chance the work group convenes a meeting before assigning items. */
  meeting: number;
  /** Working days between the report and the first action, [min, max]. */
  firstResponseDays: readonly [number, number];
}

/**
 * The bureau reviews on-time closure, and most issues are verified and closed within their
 * deadlines; the ranking needs districts that differ: Siming and Jimei close nearly every
 * issue on time, Huli and Haicang most, Tong'an and Xiang'an only about half and leave some
 * overdue. With 11–12 generated issues per district the shares below come out as whole
 * issues (e.g. Siming 1 late of 12, Xiang'an 4 late and 2 open of 11).
 */
export const PROFILES: Record<District, DistrictProfile> = {
  siming: { late: 0.08, open: 0, extension: 0.3, rejection: 0.05, meeting: 0.5, firstResponseDays: [0, 1] },
  huli: { late: 0.17, open: 0.08, extension: 0.3, rejection: 0.1, meeting: 0.5, firstResponseDays: [0, 1] },
  jimei: { late: 0.08, open: 0, extension: 0.3, rejection: 0.1, meeting: 0.4, firstResponseDays: [0, 2] },
  haicang: {
    late: 0.17,
    open: 0.17,
    extension: 0.25,
    rejection: 0.15,
    meeting: 0.45,
    firstResponseDays: [1, 2],
  },
  tongan: {
    late: 0.36,
    open: 0.09,
    extension: 0.25,
    rejection: 0.15,
    meeting: 0.35,
    firstResponseDays: [1, 3],
  },
  xiangan: { late: 0.4, open: 0.18, extension: 0.2, rejection: 0.2, meeting: 0.3, firstResponseDays: [1, 4] },
};

export const DISTRICT_NAMES: Record<District, string> = {
  siming: '思明',
  huli: '湖里',
  jimei: '集美',
  haicang: '海沧',
  tongan: '同安',
  xiangan: '翔安',
};

/** The city bureau's work group stationed in the district (驻区工作组). */
export const group = (d: District): string => `驻${DISTRICT_NAMES[d]}区工作组`;
/** The district's own construction bureau. */
export const bureau = (d: District): string => `${DISTRICT_NAMES[d]}区建设局`;
/** The unit behind a topic's role: the district bureau itself, or a party on the site. */
export const unit = (site: string, role: string, district: District): string =>
  role === '区建设局' ? bureau(district) : `${site} ${role}`;
