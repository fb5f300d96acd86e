export {
  type PersonalizeDecorator,
  type PersonalizeParameters,
  type PersonalizeStoryContext,
  type PersonalizeStoryOptions,
  withPersonalize,
} from './withPersonalize';
