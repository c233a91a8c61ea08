/** The saved fragments, loaded once per session and refreshed after each change; shared by the palette and the dialogs. */
import { create } from 'zustand';
import type { Fragment, FragmentBody } from '../../shared/model';
import { api } from '../api';
import { notifyError } from '../components/toasts';

type FragmentsState = { fragments: Fragment[] | null; loading: boolean };

export const useFragments = create<FragmentsState>(() => ({ fragments: null, loading: false }));

/** Loads the list (again). */
export async function loadFragments() {
  useFragments.setState({ loading: true });
  try {
    const fragments = await api.listFragments({});
    useFragments.setState({ fragments, loading: false });
  } catch (error) {
    useFragments.setState({ loading: false });
    notifyError(error);
  }
}

/** Saves a named fragment; resolves with it, or null when the back end refused (the toast says why). */
export async function saveFragment(name: string, body: FragmentBody): Promise<Fragment | null> {
  try {
    const fragment = await api.saveFragment({ name, body });
    await loadFragments();
    return fragment;
  } catch (error) {
    notifyError(error);
    return null;
  }
}

export async function deleteFragment(id: string) {
  try {
    await api.deleteFragment({ id });
    await loadFragments();
  } catch (error) {
    notifyError(error);
  }
}
