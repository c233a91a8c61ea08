/** Why an import was refused: the message and every bad row, readable and scrollable. */
import { ApiError } from '../../shared/api';

export type ImportProblemText = { message: string; details: string[] };

/** The text of an import failure. */
export const importProblemOf = (error: unknown): ImportProblemText =>
  error instanceof ApiError ? { message: error.message, details: error.details } : { message: error instanceof Error ? error.message : String(error), details: [] };

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
    </div>
  );
}
