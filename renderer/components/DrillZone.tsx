/**
 * The drill's time zone for a screen: a run's console and replay set it to
 * their plan's zone, so every clock time below them is shown on the drill's
 * wall clocks (through shared/time) and never in the zone of the computer
 * showing it.
 */
import { createContext, useContext } from 'react';
import { DEFAULT_TIME_ZONE } from '../../shared/time';

/** `<DrillZone value={plan.timeZone}>…</DrillZone>` */
export const DrillZone = createContext(DEFAULT_TIME_ZONE);

/** The zone of the drill on screen (an IANA name). */
export const useDrillZone = () => useContext(DrillZone);
