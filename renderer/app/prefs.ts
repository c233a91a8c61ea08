/** Preferences in the renderer: read once at start, written through the API. */
import { create } from 'zustand';
import { DEFAULT_PREFS, type Prefs } from '../../shared/api';
import { api } from '../api';
import { notifyError } from '../components/toasts';
import { setLanguage } from '../i18n';

type PrefsState = { prefs: Prefs; loaded: boolean; load: () => Promise<void>; update: (patch: Partial<Prefs>) => Promise<void> };

export const usePrefs = create<PrefsState>((set, get) => ({
  prefs: DEFAULT_PREFS,
  loaded: false,
  load: async () => {
    try {
      const prefs = await api.getPrefs({});
      setLanguage(prefs.language);
      set({ prefs, loaded: true });
    } catch (error) {
      set({ loaded: true });
      notifyError(error);
    }
  },
  update: async (patch) => {
    const previous = get().prefs;
    set({ prefs: { ...previous, ...patch } });
    if (patch.language) setLanguage(patch.language);
    try {
      set({ prefs: await api.setPrefs({ patch }) });
    } catch (error) {
      notifyError(error);
    }
  },
}));
