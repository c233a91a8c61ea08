/** Why an import was refused: the message and every bad row, readable and scrollable. */
import { TechnicalDetails } from '../components/toasts';
import { errorTextOf } from '../i18n';

export type ImportProblemText = { message: string; details: string[]; technical?: string[] };

/** The text of an import failure. */
export const importProblemOf = (error: unknown): ImportProblemText => {
  const { text, details, technical } = errorTextOf(error);
  return { message: text, details, technical };
};

export function ImportProblem(props: { problem: ImportProblemText; testId: string }) {
  return (
    <div className="import-problem" role="alert" data-testid={props.testId}>
      <strong>{props.problem.message}</strong>
      {props.problem.details.length > 0 && (
        <ul>
          {props.problem.details.map((detail, i) => (
            <li key={i}>{detail}</li>
          ))}
        </ul>
      )}
      {props.problem.technical && props.problem.technical.length > 0 && <TechnicalDetails lines={props.problem.technical} />}
    </div>
  );
}
