/** The `?` overlay: every command and its shortcuts, read from the registry, plus the mouse gestures. */
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { editorCommands, shortcutLabel, type CommandGroup } from './commands';
import { openDialog } from './store';

const GROUPS: CommandGroup[] = ['edit', 'insert', 'view', 'scenario', 'help'];
const GESTURES = ['drag', 'connect', 'box', 'shiftClick', 'pan', 'zoom', 'dropPalette'] as const;

export function HelpOverlay() {
  const { t } = useTranslation();
  return (
    <Dialog title={t('editor.help.title')} onClose={() => openDialog(null)} wide testId="help-overlay">
      <div className="help-columns">
        {GROUPS.map((group) => (
          <section key={group} className="help-group">
            <h3>{t(`editor.group.${group}`)}</h3>
            <table>
              <tbody>
                {editorCommands.commands
                  .filter((command) => command.group === group)
                  .map((command) => (
                    <tr key={command.name} data-testid="help-command">
                      <td>{t(command.labelKey)}</td>
                      <td className="help-keys">
                        {command.shortcuts
                          .filter((shortcut) => command.name !== 'nudge' || !shortcut.shift)
                          .slice(0, 4)
                          .map((shortcut) => (
                            <kbd key={shortcutLabel(shortcut)}>{shortcutLabel(shortcut)}</kbd>
                          ))}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </section>
        ))}
        <section className="help-group">
          <h3>{t('editor.help.mouse')}</h3>
          <table>
            <tbody>
              {GESTURES.map((gesture) => (
                <tr key={gesture}>
                  <td>{t(`editor.help.gesture.${gesture}`)}</td>
                  <td className="help-keys">
                    <kbd>{t(`editor.help.gestureKey.${gesture}`)}</kbd>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </Dialog>
  );
}
