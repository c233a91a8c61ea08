/** How ratings read on screen and on paper: a grade's short name, or points (the texts live in shared/docText, for the Word export too). */
export { objectiveBasisOf, ratingLabelOf } from '../../shared/docText';
